package dev.aios.samples.briefing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's mail (inbox and sent) grouped into threads: messages that share a thread root (the
 * first id of {@code References}) or are joined by an {@code In-Reply-To} chain belong together,
 * whichever folder they sit in. A draft's facts are checked against its request's thread, and a
 * meeting brief lists the threads still waiting on someone.
 */
final class MailThreads {
    /** The messages of each thread, oldest first, by the thread's representative id. */
    private final Map<String, List<MailItem>> threads = new LinkedHashMap<>();
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, String> threadOf = new HashMap<>();

    /**
     * @param mail every message the user has, received and sent
     */
    MailThreads(List<MailItem> mail) {
        for (MailItem m : mail) {
            union(m.messageId(), m.thread());
            union(m.messageId(), m.inReplyTo());
        }
        for (MailItem m : mail.stream().sorted(Comparator.comparing(MailItem::at)).toList()) {
            String root = find(m.messageId());
            threadOf.put(m.messageId(), root);
            threads.computeIfAbsent(root, k -> new ArrayList<>()).add(m);
        }
    }

    /** @return the threads of the user's received and sent mail together */
    static MailThreads of(List<MailItem> inbox, List<MailItem> sent) {
        List<MailItem> all = new ArrayList<>(inbox);
        all.addAll(sent);
        return new MailThreads(all);
    }

    /** @return the messages of {@code m}'s thread other than {@code m}, oldest first */
    List<MailItem> others(MailItem m) {
        return thread(m).stream().filter(t -> !t.messageId().equals(m.messageId())).toList();
    }

    /** @return every message of {@code m}'s thread, {@code m} included, oldest first */
    List<MailItem> thread(MailItem m) {
        return threads.getOrDefault(threadOf.getOrDefault(m.messageId(), ""), List.of(m));
    }

    /** @return every thread, each oldest first */
    List<List<MailItem>> all() {
        return List.copyOf(threads.values());
    }

    private void union(String a, String b) {
        if (a.isBlank() || b.isBlank()) {
            return;
        }
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }

    private String find(String id) {
        String root = id;
        while (parent.containsKey(root)) {
            root = parent.get(root);
        }
        // Path compression keeps long reply chains cheap.
        String at = id;
        while (!at.equals(root)) {
            String next = parent.get(at);
            parent.put(at, root);
            at = next;
        }
        return root;
    }
}
