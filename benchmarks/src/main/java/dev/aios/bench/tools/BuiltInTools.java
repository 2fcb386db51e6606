package dev.aios.bench.tools;

import dev.aios.api.ToolRegistry;
import dev.aios.media.MediaTools;
import dev.aios.toolpacks.AgentsPack;
import dev.aios.toolpacks.ArchivePack;
import dev.aios.toolpacks.DataPack;
import dev.aios.toolpacks.FilesPack;
import dev.aios.toolpacks.ImagePack;
import dev.aios.toolpacks.MathPack;
import dev.aios.toolpacks.MemoryPack;
import dev.aios.toolpacks.ShellPack;
import dev.aios.toolpacks.SystemPack;
import dev.aios.toolpacks.TextPack;
import dev.aios.toolpacks.TimePack;
import dev.aios.toolpacks.WebPack;
import dev.aios.toolpacks.dev.GitPack;
import dev.aios.toolpacks.dev.SqlPack;
import dev.aios.toolpacks.mail.CalendarPack;
import dev.aios.toolpacks.mail.ContactsPack;
import dev.aios.toolpacks.mail.MailPack;
import dev.aios.toolpacks.office.DocumentsPack;
import java.nio.file.Path;
import java.util.List;

/**
 * Every built-in tool of the SDK, as a host that takes them all would build them: each pack
 * confined to folders under {@code scratch}, no hosts, no commands, no servers. For listing and
 * searching them; calls are mostly refused, as the confinement says.
 */
public final class BuiltInTools {
    private BuiltInTools() {}

    /** @return every pack, and the media tools, in a stable order */
    public static List<ToolRegistry> packs(Path scratch) {
        Path work = scratch.resolve("work");
        return List.of(
                FilesPack.builder().root(work).build(),
                DataPack.builder().root(work).build(),
                TextPack.builder().root(work).build(),
                ArchivePack.builder().root(work).build(),
                ShellPack.builder().workingRoot(work).build(),
                DocumentsPack.builder().root(work).build(),
                GitPack.builder().root(work).build(),
                SqlPack.builder().build(),
                MailPack.builder().build(),
                CalendarPack.builder().root(work).build(),
                ContactsPack.builder().root(work).build(),
                WebPack.builder().root(work).build(),
                TimePack.builder().build(),
                MathPack.builder().build(),
                ImagePack.builder().root(work).build(),
                SystemPack.builder().build(),
                MemoryPack.builder().build(),
                AgentsPack.builder().build(),
                MediaTools.builder(scratch.resolve("media")).build());
    }
}
