/**
 * The one place that talks to the KIE API. It reads {@code rules/} from disk (DRL files, and CSV tables expanded
 * through their {@code .drt} templates), compiles them into a versioned rule set and runs sessions over facts.
 * Everything else sees {@link uk.vda.engine.PolicyEngine} and plain records.
 */
package uk.vda.engine;
