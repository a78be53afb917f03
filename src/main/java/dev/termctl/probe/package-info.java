/**
 * Is the database running: {@code DataFile} finds a node's data file (data.rdb) and asks the
 * kernel's lock table ({@code LockTable}, read within a budget in bytes and time) whether a process
 * holds the exclusive lock a running RedDB server holds. Its failures are its own sealed
 * {@code ProbeFailure} kinds (running, cannot tell); the file layer's pass through as they are.
 *
 * <p>May use: {@code fs}, {@code core}.
 */
package dev.termctl.probe;
