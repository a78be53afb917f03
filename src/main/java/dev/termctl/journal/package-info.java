/**
 * The journal (FILE.journal): {@code JournalWriter} appends each write's entry durably before the
 * term moves; {@code JournalReader} streams it back, bounded, telling completed writes from
 * interrupted ones; {@code Journal} is the entry, its stamp and its line. Its failures are its own
 * sealed {@code JournalFailure} kinds; the file layer's pass through as they are.
 *
 * <p>May use: {@code fs}, {@code format}, {@code core}. The term a file holds now comes from the
 * caller (the store), never from here.
 */
package dev.termctl.journal;
