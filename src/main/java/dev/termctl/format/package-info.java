/**
 * The term file's format, read and written, pure: {@code TermReader} reads bytes with serde_json's
 * grammar (what RedDB reads) and refuses with a position; {@code TermFileFormat} knows the members
 * termctl writes and rewrites a file keeping the others; {@code JsonMembers} reads one line of
 * termctl's own JSON back; {@code AuditTrail} is who changed a file, when and why.
 *
 * <p>May use: {@code core}, Jackson's streaming parser. No files, no clock, no environment.
 */
package dev.termctl.format;
