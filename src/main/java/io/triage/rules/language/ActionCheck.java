package io.triage.rules.language;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a rule's action (the code after {@code then}) on its parsed form. An action may declare
 * locals of number, text and yes/no types, compute with them, branch with if/else, read facts
 * through getters, call a few pure methods and {@code insert(new <fact>(...))}. Nothing else:
 * no loops, so an action always ends, and no way to reach anything outside the facts.
 */
final class ActionCheck {

    static final int MAX_STATEMENTS = 60;
    static final int MAX_DEPTH = 8;

    private final Map<String, Class<?>> bound;
    private final TypeNames types;
    private final Violations violations;
    private final ConclusionCheck conclusions;
    private final JavaParser java;
    private final Deque<Map<String, Class<?>>> locals = new ArrayDeque<>();
    private Expressions expressions;
    private int statements;

    ActionCheck(JavaParser java, Map<String, Class<?>> bound, TypeNames types, Violations violations, ConclusionCheck conclusions) {
        this.java = java;
        this.bound = bound;
        this.types = types;
        this.violations = violations;
        this.conclusions = conclusions;
    }

    /** @param start offset of the action's first character in the translated file */
    void check(String action, int start) {
        // '{' is put on the action's first line, so lines and columns there shift by one character
        String parsed = "{" + action + "\n}";
        ParseResult<BlockStmt> result = java.parseBlock(parsed);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            Problem first = result.getProblems().isEmpty() ? null : result.getProblems().get(0);
            int offset = first == null ? start : first.getLocation()
                    .flatMap(l -> l.getBegin().getRange()).map(r -> offsetIn(parsed, r.begin.line, r.begin.column) - 1 + start)
                    .orElse(start);
            violations.at(offset, "the action is not valid Java: " + (first == null ? "cannot be read"
                    : first.getMessage().split("\\R", 2)[0]));
            return;
        }
        expressions = new Expressions(new Names(), violations, start - 1, parsed, conclusions);
        locals.push(new HashMap<>());
        block(result.getResult().get(), 0);
    }

    private static int offsetIn(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset + column - 1;
    }

    private void block(BlockStmt block, int depth) {
        for (Statement s : block.getStatements()) {
            statement(s, depth);
        }
    }

    private void statement(Statement s, int depth) {
        if (++statements == MAX_STATEMENTS + 1) {
            expressions.refuse(s, "an action may have at most " + MAX_STATEMENTS + " statements; split the rule");
        }
        if (depth > MAX_DEPTH) {
            expressions.refuse(s, "blocks nest deeper than " + MAX_DEPTH + " levels");
            return;
        }
        if (s instanceof BlockStmt inner) {
            locals.push(new HashMap<>());
            block(inner, depth + 1);
            locals.pop();
        } else if (s instanceof IfStmt branch) {
            Class<?> condition = expressions.type(branch.getCondition());
            if (condition != Expressions.INVALID && !Expressions.isBoolean(condition)) {
                expressions.refuse(branch.getCondition(), "an if needs a true/false condition, not " + Expressions.describe(condition));
            }
            nested(branch.getThenStmt(), depth);
            branch.getElseStmt().ifPresent(e -> nested(e, depth));
        } else if (s instanceof ExpressionStmt e) {
            expressionStatement(e.getExpression());
        } else if (!(s instanceof EmptyStmt)) {
            expressions.refuse(s, Constructs.describe(s) + " is not allowed in a rule action");
        }
    }

    private void nested(Statement s, int depth) {
        locals.push(new HashMap<>());
        statement(s, depth + 1);
        locals.pop();
    }

    private void expressionStatement(Expression e) {
        if (e instanceof VariableDeclarationExpr declaration) {
            declare(declaration);
        } else if (e instanceof AssignExpr assign) {
            assign(assign);
        } else if (e instanceof ObjectCreationExpr) {
            Class<?> type = expressions.type(e);
            if (FactModel.isFact(type)) {
                expressions.refuse(e, "a new fact has no effect unless it is inserted: insert(new " + type.getSimpleName() + "(...))");
            }
        } else if (e instanceof MethodCallExpr || e instanceof UnaryExpr unary && unary.getOperator().isPostfix()
                || e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT)) {
            expressions.type(e);
        } else {
            expressions.refuse(e, Constructs.describe(e) + " " + Violations.quote(e.toString()) + " is not a statement a rule may make");
        }
    }

    private void declare(VariableDeclarationExpr declaration) {
        if (declaration.getModifiers().stream().anyMatch(m -> m.getKeyword() != com.github.javaparser.ast.Modifier.Keyword.FINAL)
                || !declaration.getAnnotations().isEmpty()) {
            expressions.refuse(declaration, "a local may only be marked final");
        }
        for (VariableDeclarator variable : declaration.getVariables()) {
            if (variable.getType().isVarType()) {
                expressions.refuse(variable, "write the type of '" + variable.getNameAsString() + "' instead of 'var'");
                continue;
            }
            Class<?> type = expressions.typeOf(variable.getType());
            if (type != Expressions.INVALID && !FactModel.LOCAL_TYPES.contains(type) && !FactModel.isFact(type)) {
                expressions.refuse(variable.getType(), "a local cannot have type " + Expressions.describe(type));
                type = Expressions.INVALID;
            }
            String name = variable.getNameAsString();
            if (lookup(name).isPresent() || bound.containsKey(name) || Expressions.SESSION_HANDLES.contains(name)) {
                expressions.refuse(variable, "'" + name + "' is already a name here; choose another");
            }
            if (variable.getInitializer().isPresent()) {
                Class<?> value = expressions.type(variable.getInitializer().get());
                if (type != Expressions.INVALID && value != Expressions.INVALID && !Expressions.assignable(value, type)) {
                    expressions.refuse(variable.getInitializer().get(), Expressions.describe(value) + " cannot be stored in '"
                            + name + "' of type " + Expressions.describe(type));
                }
            }
            locals.peek().put(name, type);
        }
    }

    private void assign(AssignExpr assign) {
        if (!(assign.getTarget() instanceof NameExpr target) || lookup(target.getNameAsString()).isEmpty()) {
            expressions.refuse(assign, "only locals declared in this action can be assigned; facts never change");
            return;
        }
        Class<?> type = lookup(target.getNameAsString()).get();
        Class<?> value = expressions.type(assign.getValue());
        if (type == Expressions.INVALID || value == Expressions.INVALID) {
            return;
        }
        boolean compound = assign.getOperator() != AssignExpr.Operator.ASSIGN;
        if (compound && !(Expressions.isNumeric(type) && Expressions.isNumeric(value)
                && Set.of("+=", "-=", "*=", "/=").contains(assign.getOperator().asString()))) {
            expressions.refuse(assign, "'" + assign.getOperator().asString() + "' is only allowed between numbers (+=, -=, *=, /=)");
        } else if (!compound && !Expressions.assignable(value, type)) {
            expressions.refuse(assign.getValue(), Expressions.describe(value) + " cannot be stored in '"
                    + target.getNameAsString() + "' of type " + Expressions.describe(type));
        }
    }

    private Optional<Class<?>> lookup(String name) {
        for (Map<String, Class<?>> frame : locals) {
            if (frame.containsKey(name)) {
                return Optional.of(frame.get(name));
            }
        }
        return Optional.empty();
    }

    /** Names in an action: locals, then variables bound in the conditions; never a property. */
    private final class Names implements Expressions.Scope {
        @Override
        public Optional<Class<?>> variable(String name) {
            Optional<Class<?>> local = lookup(name);
            return local.isPresent() ? local : Optional.ofNullable(bound.get(name));
        }

        @Override
        public Optional<Class<?>> implicitProperty(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Class<?>> type(String simpleName) {
            return types.resolve(simpleName);
        }

        @Override
        public boolean isAction() {
            return true;
        }
    }
}
