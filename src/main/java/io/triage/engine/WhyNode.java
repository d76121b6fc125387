package io.triage.engine;

import java.util.List;

/**
 * One node of a recommendation's why-tree, with its sentence in plain language. The top nodes are
 * the firings that concluded the recommendation ({@code kind} "rule": the rule's id, firing number,
 * source and name); below each, the facts that rule matched: answers and policy parameters (the
 * leaves), and intermediate terms and the cost estimate, each with the rule that drew it and,
 * under {@code because}, what that rule matched in turn. A recommendation the rule rested on is
 * named, not expanded again: its own tree is on its own item. A term or estimate met a second time
 * in the same tree is marked {@code repeated} instead of being expanded twice, and so is an answer or
 * parameter met a second time (the page then refers back instead of repeating it).
 *
 * @param kind      what the node stands for
 * @param name      question id, parameter name, term name or recommendation code; null for rule and cost nodes
 * @param value     the answer, the parameter's value or the term's number; null otherwise
 * @param rule      the rule that concluded or drew it; null for answers and parameters
 * @param seq       that rule's firing in the trace
 * @param because   what that rule matched; null for leaves and repeated nodes
 */
public record WhyNode(Kind kind, String name, Object value, boolean defaulted, String text, String rule, Integer seq,
                      String source, boolean repeated, List<WhyNode> because) {

    /** What a node stands for; {@link #id()} is its name in the decision record. */
    public enum Kind {
        RULE, ANSWER, PARAMETER, TERM, COST, RECOMMENDATION,
        /** anything else a rule matched */
        FACT;

        private final String id = name().toLowerCase(java.util.Locale.ROOT);

        public String id() {
            return id;
        }
    }
}
