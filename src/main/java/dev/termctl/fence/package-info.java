/**
 * The fence rule, pure: {@code TermFence} decides admit, adopt or fenced for an incoming term against
 * a {@code TermStore} (the interface only: which store is the caller's choice), and
 * {@code ClusterVerdict} compares the nodes of a cluster view.
 *
 * <p>May use: {@code core}, and {@code store}'s {@code TermStore} and {@code StoredTerm}. No
 * files, no clock, no environment.
 */
package dev.termctl.fence;

