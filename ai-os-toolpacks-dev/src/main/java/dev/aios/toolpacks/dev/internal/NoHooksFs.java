package dev.aios.toolpacks.dev.internal;

import dev.aios.toolpacks.internal.ToolHandlers;
import java.io.File;
import java.io.OutputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.FS_Win32;
import org.eclipse.jgit.util.ProcessResult;

/**
 * JGit's file system with every way of starting a program closed: hooks are never found (so
 * {@code pre-commit}, {@code post-commit}... never run) and shell commands (clean/smudge filters
 * a repository's config names) are refused. A repository an agent works in may come from anyone;
 * its {@code .git} folder must not be able to run code.
 */
final class NoHooksFs {
    private NoHooksFs() {}

    /** @return the file system for this platform, without hooks or shell commands */
    static FS get() {
        return FS.DETECTED instanceof FS_Win32 ? new Windows() : new Posix();
    }

    private static UnsupportedOperationException refused(String command) {
        return new UnsupportedOperationException("the git tools run no external commands (refused: "
                + ToolHandlers.cut(command, 80) + ")");
    }

    private static final class Posix extends FS_POSIX {
        @Override
        public FS newInstance() {
            return new Posix();
        }

        @Override
        public File findHook(Repository repository, String hookName) {
            return null;
        }

        @Override
        public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args) {
            return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
        }

        @Override
        public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args,
                OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
            return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
        }

        @Override
        public ProcessBuilder runInShell(String cmd, String[] args) {
            throw refused(cmd);
        }
    }

    private static final class Windows extends FS_Win32 {
        @Override
        public FS newInstance() {
            return new Windows();
        }

        @Override
        public File findHook(Repository repository, String hookName) {
            return null;
        }

        @Override
        public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args) {
            return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
        }

        @Override
        public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args,
                OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
            return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
        }

        @Override
        public ProcessBuilder runInShell(String cmd, String[] args) {
            throw refused(cmd);
        }
    }
}
