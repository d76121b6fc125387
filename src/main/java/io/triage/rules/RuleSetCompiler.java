package io.triage.rules;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.YamlPositions;
import io.triage.questionnaire.Questionnaire;
import io.triage.questionnaire.QuestionnaireParser;
import io.triage.rules.language.ConclusionCheck;
import io.triage.rules.language.RuleLanguage;
import io.triage.rules.language.RuleSource;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a {@link RuleSetFiles} into a {@link RuleSet}, or reports every problem with file, line
 * and column. Nothing here touches the active version: compiling is side-effect free apart from
 * the short-lived module in the Drools repository, which is removed again.
 */
public final class RuleSetCompiler {

    private static final String DRL_ROOT = "src/main/resources/";
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PARSER_POSITION = Pattern.compile("^\\s*(?:\\[ERR \\d+\\]\\s*)?Line (\\d+):(\\d+)\\s*");
    private static final Pattern PARAMETER_NAME = Pattern.compile("Parameter\\s*\\(\\s*name\\s*==\\s*\"([^\"]*)\"");

    /** A rule set, or the reasons there is none. */
    public record Result(RuleSet ruleSet, List<InputError> errors) {

        public boolean ok() {
            return ruleSet != null;
        }
    }

    /** Idle sessions kept per version: enough for every core to have a few decisions in flight. */
    public static final int DEFAULT_SESSION_POOL = Runtime.getRuntime().availableProcessors() * 4;

    private final ClassLoader application;
    private final boolean keepNetworks;
    private final ClassLoader classLoader;
    private final RuleLanguage language;
    private final int sessionPoolSize;

    public RuleSetCompiler() {
        this(RuleSetCompiler.class.getClassLoader(), DEFAULT_SESSION_POOL);
    }

    public RuleSetCompiler(ClassLoader classLoader, int sessionPoolSize) {
        this(classLoader, sessionPoolSize, true);
    }

    private RuleSetCompiler(ClassLoader classLoader, int sessionPoolSize, boolean keepNetworks) {
        this.keepNetworks = keepNetworks;
        this.application = classLoader;
        this.classLoader = new LookupCachingClassLoader(classLoader);
        this.language = new RuleLanguage(this.classLoader);
        this.sessionPoolSize = sessionPoolSize;
    }

    /**
     * A compiler of its own for warming the JIT compiler up: it keeps none of the networks it builds,
     * so they never push a version's network out of those kept for reuse, and it never waits for the
     * service's compiler.
     */
    public static RuleSetCompiler forWarmUp() {
        return new RuleSetCompiler(RuleSetCompiler.class.getClassLoader(), 1, false);
    }

    public Result compile(RuleSetFiles files) {
        List<InputError> errors = new ArrayList<>();
        Questionnaire questionnaire = parse(errors, () -> questionnaire(files));
        Catalogue catalogue = parse(errors, () -> catalogue(files));
        Parameters parameters = parse(errors, () -> parameters(files));
        if (files.drlFiles().isEmpty()) {
            errors.add(InputError.file(RuleSetFiles.RULES, "no_rules", "the rule set has no .drl file"));
        }
        // INVARIANT: what is compiled is exactly what was checked, escapes translated once
        Map<String, RuleSource> sources = new TreeMap<>();
        files.drlFiles().forEach((path, text) -> sources.put(path, RuleSource.of(path, text)));
        for (RuleSource source : sources.values()) {
            errors.addAll(language.check(source, conclusions(catalogue)));
        }
        if (parameters != null) {
            errors.addAll(unknownParameters(files, parameters));
            if (questionnaire != null) {
                errors.addAll(nameClashes(files, questionnaire, parameters));
            }
        }
        TermLabels terms = TermLabels.NONE;
        if (catalogue != null && questionnaire != null && parameters != null) {
            errors.addAll(TextTemplates.check(RuleSetFiles.RECOMMENDATIONS, files.get(RuleSetFiles.RECOMMENDATIONS),
                    catalogue, placeholderNames(questionnaire, parameters)));
            String termsFile = files.get(RuleSetFiles.TERMS);
            if (termsFile != null) {
                terms = parse(errors, () -> TermLabels.parse(RuleSetFiles.TERMS, termsFile, catalogue,
                        placeholderNames(questionnaire, parameters)));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        KieBase kieBase = build(files.version(), sources.values(), errors);
        if (kieBase == null) {
            return new Result(null, errors);
        }
        List<RuleInfo> rules = rules(kieBase, errors);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new RuleSet(files, questionnaire, catalogue, parameters, terms, kieBase, rules, sessionPoolSize), List.of());
    }

    /** Compiles or throws; for callers (tools, tests) that have no way to report errors. */
    public RuleSet compileOrThrow(RuleSetFiles files) {
        Result result = compile(files);
        if (!result.ok()) {
            throw new InvalidInputException("rule set does not compile", result.errors());
        }
        return result.ruleSet();
    }

    private static Questionnaire questionnaire(RuleSetFiles files) {
        String source = files.get(RuleSetFiles.QUESTIONNAIRE);
        if (source == null) {
            throw missing(RuleSetFiles.QUESTIONNAIRE);
        }
        return QuestionnaireParser.parse(RuleSetFiles.QUESTIONNAIRE, source);
    }

    private static Catalogue catalogue(RuleSetFiles files) {
        String source = files.get(RuleSetFiles.RECOMMENDATIONS);
        if (source == null) {
            throw missing(RuleSetFiles.RECOMMENDATIONS);
        }
        return Catalogue.parse(RuleSetFiles.RECOMMENDATIONS, source);
    }

    private static Parameters parameters(RuleSetFiles files) {
        String source = files.get(RuleSetFiles.PARAMETERS);
        return source == null ? Parameters.NONE : Parameters.parse(RuleSetFiles.PARAMETERS, source);
    }

    private static InvalidInputException missing(String path) {
        return new InvalidInputException("missing file", List.of(InputError.file(path, "missing_file",
                "the rule set needs this file")));
    }

    private static <T> T parse(List<InputError> errors, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** What a rule may conclude: a catalogue code, and if it names a text variant, one the code has. */
    private static ConclusionCheck conclusions(Catalogue catalogue) {
        return (code, variant) -> {
            if (catalogue == null) {
                return null;
            }
            Catalogue.Entry entry = catalogue.entry(code).orElse(null);
            if (entry == null) {
                return "recommendation code '" + code + "' has no entry in " + RuleSetFiles.RECOMMENDATIONS;
            }
            if (entry.rationale(variant).isEmpty()) {
                return variant == null
                        ? "recommendation code '" + code + "' has only variants in " + RuleSetFiles.RECOMMENDATIONS
                                + "; name one: " + String.join(", ", entry.variants().keySet())
                        : "recommendation code '" + code + "' has no variant '" + variant + "' in " + RuleSetFiles.RECOMMENDATIONS;
            }
            return null;
        };
    }

    /** What a text may quote: every question, every parameter, every cost figure. */
    static Set<String> placeholderNames(Questionnaire questionnaire, Parameters parameters) {
        Set<String> names = new HashSet<>(TextTemplates.COST_FIGURES);
        questionnaire.questions().forEach(q -> names.add(q.id()));
        parameters.definitions().forEach(d -> names.add(d.name()));
        return names;
    }

    /**
     * A rule that reads a parameter the file does not define would silently never fire; a typo in a
     * parameter name is therefore an error at the rule's line, like an unknown code.
     */
    private static List<InputError> unknownParameters(RuleSetFiles files, Parameters parameters) {
        List<InputError> errors = new ArrayList<>();
        files.drlFiles().forEach((path, source) -> {
            Matcher m = PARAMETER_NAME.matcher(source);
            while (m.find()) {
                if (parameters.get(m.group(1)).isEmpty()) {
                    int[] at = SourcePosition.of(source, m.start(1));
                    errors.add(InputError.file(path, at[0], at[1], "unknown_parameter", "parameter '" + m.group(1)
                            + "' is not defined in " + RuleSetFiles.PARAMETERS));
                }
            }
        });
        return errors;
    }

    /** Texts name answers and parameters alike ({monthly_calls}, {long_prompt_tokens}), so the names must differ. */
    private static List<InputError> nameClashes(RuleSetFiles files, Questionnaire questionnaire, Parameters parameters) {
        List<InputError> errors = new ArrayList<>();
        YamlPositions positions = YamlPositions.of(files.get(RuleSetFiles.PARAMETERS));
        for (Parameters.Definition d : parameters.definitions()) {
            if (questionnaire.question(d.name()).isPresent()) {
                int at = positions.find("name", d.name()).map(YamlPositions.Entry::keyStart).orElse(0);
                errors.add(positions.at(RuleSetFiles.PARAMETERS, at, "invalid_parameters", "parameter '" + d.name()
                        + "' has the name of a question; give it its own name"));
            }
        }
        return errors;
    }

    // Drools keeps built modules in a process-wide repository; building one version at a time keeps
    // a removal from racing a concurrent build of the same content.
    private synchronized KieBase build(String version, Iterable<RuleSource> sources, List<InputError> errors) {
        Optional<KieBase> built = RuleBases.reuse(application, sources);
        if (built.isPresent()) {
            return built.get();
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        sources.forEach(source -> kfs.write(DRL_ROOT + source.path(), source.text()));
        ReleaseId releaseId = ks.newReleaseId("io.triage.rulesets",
                "ruleset-" + version.substring("sha256:".length(), "sha256:".length() + 16), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        KieBuilder builder = ks.newKieBuilder(kfs, classLoader);
        builder.buildAll();
        List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
        if (!messages.isEmpty()) {
            List<InputError> found = messages.stream().map(RuleSetCompiler::compileError).toList();
            for (InputError error : found) {
                // Drools adds a generic "null package" error after any parse error; it says nothing new.
                boolean echo = error.message().toLowerCase(java.util.Locale.ROOT).contains("null package")
                        && found.stream().anyMatch(e -> e != error && java.util.Objects.equals(e.file(), error.file()));
                if (!echo) {
                    errors.add(error);
                }
            }
            ks.getRepository().removeKieModule(releaseId);
            return null;
        }
        try {
            KieBase kieBase = ks.newKieContainer(releaseId, classLoader).getKieBase();
            if (keepNetworks) {
                RuleBases.keep(application, sources, kieBase);
            }
            return kieBase;
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    private static InputError compileError(Message message) {
        String path = message.getPath();
        if (path != null && path.startsWith(DRL_ROOT)) {
            path = path.substring(DRL_ROOT.length());
        }
        Integer line = message.getLine() > 0 ? message.getLine() : null;
        Integer column = message.getColumn() > 0 ? message.getColumn() : null;
        String text = message.getText() == null ? "" : message.getText();
        // Parser errors carry "Line 8:4" in the text with a 0-based column; use and drop it.
        Matcher at = PARSER_POSITION.matcher(text);
        if (at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2)) + 1;
            text = text.substring(at.end());
        }
        return InputError.file(path == null ? RuleSetFiles.RULES : path, line, column, "compile_error",
                io.triage.rules.language.DroolsText.oneLine(text));
    }

    private static List<RuleInfo> rules(KieBase kieBase, List<InputError> errors) {
        List<Rule> all = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            all.addAll(pkg.getRules());
        }
        all.sort(Comparator.comparing(RuleSetCompiler::fileOf).thenComparingInt(r -> ((RuleImpl) r).getLoadOrder()));
        Map<String, RuleInfo> byId = new HashMap<>();
        List<RuleInfo> infos = new ArrayList<>();
        for (Rule rule : all) {
            String file = fileOf(rule);
            Object id = rule.getMetaData().get(RuleSet.ID_KEY);
            if (id == null) {
                errors.add(InputError.file(file, "missing_rule_id",
                        "rule \"" + rule.getName() + "\" needs a stable id: add @id(\"...\") after its name"));
                continue;
            }
            String ruleId = id.toString();
            if (!RULE_ID.matcher(ruleId).matches()) {
                errors.add(InputError.file(file, "invalid_rule_id", "rule \"" + rule.getName() + "\" has id '" + ruleId
                        + "'; use lower-case letters, digits and '-'"));
                continue;
            }
            Object source = rule.getMetaData().get(RuleSet.SOURCE_KEY);
            RuleInfo info = new RuleInfo(ruleId, rule.getName(), file, source == null ? null : source.toString());
            RuleInfo clash = byId.putIfAbsent(ruleId, info);
            if (clash != null) {
                errors.add(InputError.file(file, "duplicate_rule_id", "rule \"" + rule.getName() + "\" reuses id '"
                        + ruleId + "' of rule \"" + clash.name() + "\" in " + clash.file()));
                continue;
            }
            infos.add(info);
        }
        return infos;
    }

    private static String fileOf(Rule rule) {
        RuleImpl impl = (RuleImpl) rule;
        if (impl.getResource() == null || impl.getResource().getSourcePath() == null) {
            return RuleSetFiles.RULES;
        }
        String path = impl.getResource().getSourcePath();
        return path.startsWith(DRL_ROOT) ? path.substring(DRL_ROOT.length()) : path;
    }
}
