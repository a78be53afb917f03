/**
 * The typed options, declared once each: the mixins by job ({@code FileOptions}, {@code WriteOptions},
 * {@code JournalOptions}, {@code DatabaseOptions}, {@code OutputOptions}) and the converters of their
 * values ({@code TermConverter}, {@code BoundaryConverter}, {@code DurationConverter},
 * {@code CountConverter}; {@code Paths} checks a path's bytes).
 *
 * <p>May use: {@code cli.render}, the exit codes, the store and the layers under it, picocli.
 */
package dev.termctl.cli.option;
