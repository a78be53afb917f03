/**
 * The term file's store: {@code FileTermStore} loads, advances and repairs a node's term file
 * through the file layer, under its lock ({@code TermLock}), keeping a copy of what a repair replaces
 * ({@code Backup}), within the store's bounds ({@code Limits}). Its failures are its own sealed
 * {@code StoreFailure} kinds (no term file, damaged, last vote, not damaged, busy, too large); the
 * file layer's pass through as they are.
 *
 * <p>May use: {@code journal}, {@code probe}, {@code fs}, {@code format}, {@code core}. Never
 * options, commands or exit codes.
 */
package dev.termctl.store;
