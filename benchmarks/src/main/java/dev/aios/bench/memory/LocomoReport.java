package dev.aios.bench.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints what {@link LocomoTable} measured: fold choices, pooled and per-conversation scores with intervals, timings. */
final class LocomoReport {
    private LocomoReport() {}

    static String render(List<Locomo.Conversation> conversations, List<LocomoTable.ModelRun> runs, boolean useGrid,
            double seconds) {
        StringBuilder out = new StringBuilder();
        List<String> names = conversations.stream().map(Locomo.Conversation::name).toList();
        int questions = conversations.stream().mapToInt(c -> c.questions().size()).sum();
        out.append(String.format(Locale.ROOT, "LoCoMo retrieval, categories 1-4, leave-one-conversation-out "
                + "(%d questions, conversations %s; %s %s, %d CPUs; %.0f s in all)%n", questions, String.join(", ", names),
                System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds));
        out.append("95% intervals: percentile bootstrap, " + LocomoScores.RESAMPLES + " resamples (seed " + LocomoScores.SEED
                + ") of the questions within each conversation.\n");
        if (useGrid) {
            out.append("LOCO: for each held-out conversation, the grid setting (" + LocomoGrid.candidates().size()
                    + " candidates) with the best evidence recall@10 on the other conversations' questions, "
                    + "then scored on the held-out one only.\n");
        }
        for (LocomoTable.ModelRun run : runs) {
            out.append("\n## embedding model: ").append(run.model()).append('\n');
            if (useGrid) {
                List<LocomoGrid.Candidate> grid = LocomoGrid.candidates();
                out.append("\n| held out | chosen on the other conversations | their ev.recall@10 | held-out ev.recall@10 |\n");
                out.append("|---|---|---:|---:|\n");
                for (LocomoTable.Fold f : run.folds()) {
                    out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f |%n", f.heldOut(), grid.get(f.chosen()).label(),
                            f.trainRecall10(), LocomoScores.mean(List.<double[][]>of(run.grid().get(f.chosen()).get(f.heldOut())),
                                    LocomoScores.RECALL10)));
                }
            }
            out.append("\npooled over all ").append(questions).append(" questions\n");
            out.append("| method | hit@10 | ev.recall@5 | ev.recall@10 |\n|---|---:|---:|---:|\n");
            for (Map.Entry<String, Map<String, double[][]>> row : run.rows().entrySet()) {
                List<double[][]> all = LocomoTable.pick(row.getValue(), names);
                out.append("| ").append(row.getKey());
                for (int m : new int[] {LocomoScores.HIT10, LocomoScores.RECALL5, LocomoScores.RECALL10}) {
                    out.append(" | ").append(LocomoScores.withInterval(all, m));
                }
                out.append(" |\n");
            }
            out.append("\nev.recall@10 per conversation\n| method");
            names.forEach(n -> out.append(" | ").append(n));
            out.append(" |\n|---");
            names.forEach(n -> out.append("|---:"));
            out.append("|\n");
            for (Map.Entry<String, Map<String, double[][]>> row : run.rows().entrySet()) {
                out.append("| ").append(row.getKey());
                for (String n : names) {
                    out.append(" | ").append(LocomoScores.withInterval(List.<double[][]>of(row.getValue().get(n)), LocomoScores.RECALL10));
                }
                out.append(" |\n");
            }
            if (useGrid) {
                out.append("\nbest grid settings on all conversations together (in-sample: how the store defaults were picked, "
                        + "not a score to quote)\n| setting | ev.recall@10 |\n|---|---:|\n");
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < run.grid().size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparingDouble((Integer i) -> -LocomoScores.mean(
                        LocomoTable.pick(run.grid().get(i), names), LocomoScores.RECALL10)));
                for (int i : order.subList(0, Math.min(5, order.size()))) {
                    out.append(String.format(Locale.ROOT, "| %s | %.3f |%n", LocomoGrid.candidates().get(i).label(),
                            LocomoScores.mean(LocomoTable.pick(run.grid().get(i), names), LocomoScores.RECALL10)));
                }
            }
            List<Long> l = new ArrayList<>(run.latencyNanos());
            l.sort(Comparator.naturalOrder());
            out.append(String.format(Locale.ROOT, "%nmodel: %.0f texts/s embedded (cold, batches of 32). Store defaults: "
                    + "ingest %d memories in %.1f s = %.0f memories/s with embeddings read from the disk cache "
                    + "(English analysis, context windows, one commit per session); query p50 %.2f ms, p99 %.2f ms "
                    + "(question embeddings cached)%n", run.embedPerSecond(), run.ingested(), run.ingestSeconds(),
                    run.ingested() / run.ingestSeconds(), l.get(l.size() / 2) / 1e6,
                    l.get(Math.min(l.size() - 1, (int) Math.ceil(l.size() * 0.99) - 1)) / 1e6));
        }
        return out.toString();
    }
}
