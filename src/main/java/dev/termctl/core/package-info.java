/**
 * The domain, pure: a term (an unsigned 64-bit number, exact over its whole range), the verdict on
 * an incoming term (admit, adopt, fenced), the boundary a comparison uses, and RedDB 1.1.0's
 * reading of a term. Values in, values out.
 *
 * <p>May use: the JDK's lang and util only. No files, no clock, no environment, no other package
 * of termctl.
 */
package dev.termctl.core;
