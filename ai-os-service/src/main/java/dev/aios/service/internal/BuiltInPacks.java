package dev.aios.service.internal;

import dev.aios.api.Memory;
import dev.aios.api.ToolRegistry;
import dev.aios.service.AiosConfig;
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
import dev.aios.toolpacks.mail.CalendarPack;
import dev.aios.toolpacks.mail.ContactsPack;
import dev.aios.toolpacks.office.DocumentsPack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in tool packs the {@code aios} agent gets, confined by the configuration's
 * {@code tools} section: the folder packs may change the {@code out} folder and the
 * {@code folders} named, and read the {@code read-only-folders}; the web tools reach the
 * {@code hosts} only; the shell runs the {@code commands} only, in the out folder. Mail and SQL
 * need servers the configuration does not name yet, and sub-agents a runner, so those packs are
 * left out (the briefing has its own mail tools).
 */
public final class BuiltInPacks {
    private BuiltInPacks() {}

    /** @return the packs, in the order {@code aios tools} lists them */
    public static List<ToolRegistry> of(AiosConfig config, Memory memory) {
        AiosConfig.Tools t = config.tools();
        Path out = config.storage().out();
        List<Path> rw = new ArrayList<>(List.of(out));
        rw.addAll(t.folders());
        List<Path> ro = t.readOnlyFolders();

        FilesPack.Builder files = FilesPack.builder();
        DataPack.Builder data = DataPack.builder();
        TextPack.Builder text = TextPack.builder();
        ArchivePack.Builder archive = ArchivePack.builder();
        DocumentsPack.Builder documents = DocumentsPack.builder();
        ImagePack.Builder images = ImagePack.builder();
        GitPack.Builder git = GitPack.builder();
        CalendarPack.Builder calendar = CalendarPack.builder();
        ContactsPack.Builder contacts = ContactsPack.builder();
        for (Path folder : rw) {
            files.root(folder);
            data.root(folder);
            text.root(folder);
            archive.root(folder);
            documents.root(folder);
            images.root(folder);
            git.root(folder);
            calendar.root(folder);
            contacts.root(folder);
        }
        for (Path folder : ro) {
            files.readOnlyRoot(folder);
            data.readOnlyRoot(folder);
            text.readOnlyRoot(folder);
            archive.readOnlyRoot(folder);
            documents.readOnlyRoot(folder);
            images.readOnlyRoot(folder);
            git.readOnlyRoot(folder);
            calendar.readOnlyRoot(folder);
            contacts.readOnlyRoot(folder);
        }
        ShellPack.Builder shell = ShellPack.builder().workingRoot(out);
        if (!t.commands().isEmpty()) {
            shell.allow(t.commands().toArray(String[]::new));
        }
        WebPack.Builder web = WebPack.builder().root(out);
        if (!t.hosts().isEmpty()) {
            web.allowHost(t.hosts().toArray(String[]::new));
        }
        return List.of(files.build(), data.build(), text.build(), archive.build(), documents.build(), images.build(),
                git.build(), calendar.build(), contacts.build(), shell.build(), web.build(),
                TimePack.builder().zone(config.zone()).build(), MathPack.builder().build(), SystemPack.builder().build(),
                MemoryPack.builder().memory(memory).build());
    }
}
