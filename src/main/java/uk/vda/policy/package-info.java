/**
 * The vocabulary and the facts the rules reason about. Plain records and enums: no KIE types, no policy.
 * What a marking requires, what a clearance counts as and who needs to know what is decided in {@code rules/}.
 */
package uk.vda.policy;
