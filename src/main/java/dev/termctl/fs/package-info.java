/**
 * The root-safe file layer, knowing nothing of terms: resolve a path one component at a time,
 * refusing as root a step from one account's file to another's ({@code Chase}, {@code ByName}); the
 * one open directory a file is used through ({@code NodeDir}); descriptors, owners and modes
 * ({@code Descriptors}, {@code FileFacts}, {@code Owner}); atomic, durable replace
 * ({@code AtomicReplace}); side files ({@code PrivateFile}); bounded line input ({@code JsonLines});
 * the watchdog on opens that could hang ({@code Watchdog}); the bounds ({@code FileLimits}); the test
 * seam for faults ({@code Faults}). Its failures are its own sealed {@code FileFailure} kinds, facts
 * that the layers above pass up as they are.
 *
 * <p>May use: the JDK only. No other package of termctl: no terms, journals, options or exit codes.
 */
package dev.termctl.fs;
