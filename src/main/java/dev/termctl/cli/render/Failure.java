package dev.termctl.cli.render;

/**
 * A run that failed: the command, the file it was about (absolute; null when none was named), the
 * one-line message and the exit code. {@code verdictShape}: the command gives verdicts, so its JSON
 * object also says there was none ("verdict": null, "changed": false).
 */
public record Failure(String command, String file, String message, int exitCode, boolean verdictShape) implements Result {

    @Override
    public void renderTo(Renderer renderer) {
        renderer.failure(this);
    }
}
