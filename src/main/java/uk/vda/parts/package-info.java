/**
 * The parts that requests and answers share: the person, the document and the access a question is about, and
 * the reasons, missing facts and rule-set version an answer gives. Disclosure decisions, vetting assessments,
 * rosters, batches and the AuthZEN door all speak in them; this package depends on nothing but the fact
 * vocabulary ({@code uk.vda.policy}), so none of them has to borrow another's types.
 */
package uk.vda.parts;
