package io.triage.rules.language;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;

import java.util.LinkedHashMap;
import java.util.Map;

/** Plain-language names of Java constructs, for refusals a policy owner can act on. */
final class Constructs {

    private static final Map<Class<? extends Node>, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(ForStmt.class, "a loop");
        NAMES.put(ForEachStmt.class, "a loop");
        NAMES.put(WhileStmt.class, "a loop");
        NAMES.put(DoStmt.class, "a loop");
        NAMES.put(TryStmt.class, "try/catch");
        NAMES.put(ThrowStmt.class, "throw");
        NAMES.put(LocalClassDeclarationStmt.class, "a local class");
        NAMES.put(LocalRecordDeclarationStmt.class, "a local record");
        NAMES.put(SwitchStmt.class, "switch");
        NAMES.put(SwitchExpr.class, "switch");
        NAMES.put(SynchronizedStmt.class, "synchronized");
        NAMES.put(ReturnStmt.class, "return");
        NAMES.put(BreakStmt.class, "break");
        NAMES.put(ContinueStmt.class, "continue");
        NAMES.put(LabeledStmt.class, "a label");
        NAMES.put(AssertStmt.class, "assert");
        NAMES.put(YieldStmt.class, "yield");
        NAMES.put(LambdaExpr.class, "a lambda");
        NAMES.put(MethodReferenceExpr.class, "a method reference");
        NAMES.put(ArrayCreationExpr.class, "an array");
        NAMES.put(ArrayInitializerExpr.class, "an array");
        NAMES.put(ArrayAccessExpr.class, "an array");
        NAMES.put(ClassExpr.class, "a class literal");
        NAMES.put(ThisExpr.class, "'this'");
        NAMES.put(SuperExpr.class, "'super'");
        NAMES.put(InstanceOfExpr.class, "instanceof");
        NAMES.put(AssignExpr.class, "an assignment inside an expression");
        NAMES.put(VariableDeclarationExpr.class, "a declaration inside an expression");
    }

    private Constructs() {
    }

    static String describe(Node node) {
        String name = NAMES.get(node.getClass());
        if (name != null) {
            return name;
        }
        String simple = node.getClass().getSimpleName().replaceAll("(Expr|Stmt)$", "");
        return "'" + simple.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT) + "'";
    }
}
