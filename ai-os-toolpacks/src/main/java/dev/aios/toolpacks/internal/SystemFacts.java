package dev.aios.toolpacks.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.NetworkIF;
import oshi.hardware.PowerSource;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * What the system tools report about this machine, read with OSHI (one {@link SystemInfo}, made
 * on first use). Process command lines are never reported: they often hold passwords and tokens.
 */
public final class SystemFacts {
    private volatile SystemInfo info;

    private SystemInfo si() {
        SystemInfo s = info;
        if (s == null) {
            synchronized (this) {
                if (info == null) {
                    info = new SystemInfo();
                }
                s = info;
            }
        }
        return s;
    }

    /** @return OS, version, uptime, host name, CPU model and cores */
    public Map<String, Object> info() {
        OperatingSystem os = si().getOperatingSystem();
        CentralProcessor cpu = si().getHardware().getProcessor();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("os", os.getFamily());
        out.put("manufacturer", os.getManufacturer());
        out.put("version", String.valueOf(os.getVersionInfo()));
        out.put("bitness", os.getBitness());
        long up = os.getSystemUptime();
        out.put("uptimeSeconds", up);
        out.put("uptime", TimeAmounts.words(Duration.ofSeconds(up)));
        out.put("hostName", os.getNetworkParams().getHostName());
        out.put("cpu", cpu.getProcessorIdentifier().getName().strip());
        out.put("physicalCores", cpu.getPhysicalProcessorCount());
        out.put("logicalCores", cpu.getLogicalProcessorCount());
        out.put("javaVersion", System.getProperty("java.version"));
        return out;
    }

    /** @return the CPU load over {@code sample}, overall and per logical core, in percent, and load averages */
    public Map<String, Object> cpu(Duration sample) throws InterruptedException {
        CentralProcessor cpu = si().getHardware().getProcessor();
        long[] ticks = cpu.getSystemCpuLoadTicks();
        long[][] cores = cpu.getProcessorCpuLoadTicks();
        Thread.sleep(sample.toMillis());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loadPercent", percent(cpu.getSystemCpuLoadBetweenTicks(ticks)));
        List<Double> perCore = new ArrayList<>();
        for (double d : cpu.getProcessorCpuLoadBetweenTicks(cores)) {
            perCore.add(percent(d));
        }
        out.put("perCorePercent", perCore);
        double[] avg = cpu.getSystemLoadAverage(3);
        if (avg[0] >= 0) {
            out.put("loadAverage", List.of(round(avg[0]), round(avg[1]), round(avg[2])));
        }
        out.put("sampledMillis", sample.toMillis());
        return out;
    }

    /** @return RAM and swap, total, used and free */
    public Map<String, Object> memory() {
        GlobalMemory m = si().getHardware().getMemory();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ram", usage(m.getTotal(), m.getTotal() - m.getAvailable()));
        out.put("swap", usage(m.getVirtualMemory().getSwapTotal(), m.getVirtualMemory().getSwapUsed()));
        return out;
    }

    /** @return the file systems: name, mount point, type, size, free */
    public List<Map<String, Object>> disks(int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (OSFileStore fs : si().getOperatingSystem().getFileSystem().getFileStores(true)) {
            if (out.size() >= limit) {
                break;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mount", fs.getMount());
            d.put("name", fs.getName());
            d.put("type", fs.getType());
            d.putAll(usage(fs.getTotalSpace(), fs.getTotalSpace() - fs.getUsableSpace()));
            out.add(d);
        }
        return out;
    }

    /** @return the top {@code limit} processes by {@code cpu} load over {@code sample}, or by memory */
    public List<Map<String, Object>> processes(boolean byCpu, int limit, Duration sample) throws InterruptedException {
        OperatingSystem os = si().getOperatingSystem();
        Map<Integer, OSProcess> before = new HashMap<>();
        if (byCpu) {
            os.getProcesses().forEach(p -> before.put(p.getProcessID(), p));
            Thread.sleep(sample.toMillis());
        }
        record Row(OSProcess p, double cpu) {}
        List<Row> rows = new ArrayList<>();
        for (OSProcess p : os.getProcesses()) {
            OSProcess prior = before.get(p.getProcessID());
            rows.add(new Row(p, byCpu ? p.getProcessCpuLoadBetweenTicks(prior) : p.getProcessCpuLoadCumulative()));
        }
        rows.sort(byCpu ? Comparator.comparingDouble((Row r) -> r.cpu()).reversed()
                : Comparator.comparingLong((Row r) -> r.p().getResidentMemory()).reversed());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", r.p().getProcessID());
            m.put("name", r.p().getName());
            m.put("user", r.p().getUser());
            m.put("cpuPercent", percent(r.cpu()));
            m.put("memoryBytes", r.p().getResidentMemory());
            m.put("memory", human(r.p().getResidentMemory()));
            m.put("state", String.valueOf(r.p().getState()));
            out.add(m);
        }
        return out;
    }

    /** @return the batteries; empty on a machine without one */
    public List<Map<String, Object>> batteries() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PowerSource p : si().getHardware().getPowerSources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.getName());
            m.put("chargePercent", percent(p.getRemainingCapacityPercent()));
            m.put("charging", p.isCharging());
            m.put("onMains", p.isPowerOnLine());
            double left = p.getTimeRemainingEstimated();
            m.put("timeLeft", left < 0 ? "unknown" : TimeAmounts.words(Duration.ofSeconds((long) left)));
            out.add(m);
        }
        return out;
    }

    /** @return the network interfaces with their addresses and traffic */
    public List<Map<String, Object>> network(int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (NetworkIF n : si().getHardware().getNetworkIFs(true)) {
            if (out.size() >= limit) {
                break;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.getName());
            m.put("displayName", n.getDisplayName());
            m.put("status", String.valueOf(n.getIfOperStatus()));
            m.put("mac", n.getMacaddr());
            m.put("ipv4", List.of(n.getIPv4addr()));
            m.put("ipv6", List.of(n.getIPv6addr()));
            m.put("bytesReceived", n.getBytesRecv());
            m.put("bytesSent", n.getBytesSent());
            m.put("speedBitsPerSecond", n.getSpeed());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> usage(long total, long used) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalBytes", total);
        m.put("usedBytes", used);
        m.put("freeBytes", total - used);
        m.put("total", human(total));
        m.put("used", human(used));
        m.put("free", human(total - used));
        m.put("usedPercent", total <= 0 ? 0 : percent((double) used / total));
        return m;
    }

    /** @return {@code bytes} as a short size, e.g. {@code 1.5 GiB} */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
