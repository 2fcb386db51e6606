package dev.aios.service.internal.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's meters and spans: a {@link PrometheusMeterRegistry} with the JVM's and the
 * process's meters (memory, GC, threads, class loading, CPU, uptime) for the console's
 * {@code /metrics}, and an OpenTelemetry SDK that keeps the last finished spans in memory
 * ({@link #recentSpans()}) and, when the environment variable {@value #LOG_SPANS_ENV} is
 * {@code true}, writes each finished span to the log. There is no network exporter: nothing
 * leaves the machine.
 *
 * <p>Neither is registered globally: the service hands {@link #meterRegistry()} and
 * {@link #openTelemetry()} to the agent it builds ({@code Agent.Builder.meterRegistry},
 * {@code Agent.Builder.openTelemetry}). Closing it shuts the SDK down and closes the registry.
 */
public final class ServiceTelemetry implements AutoCloseable {
    /** The environment variable that, set to {@code true}, logs every finished span. */
    public static final String LOG_SPANS_ENV = "AIOS_LOG_SPANS";
    /** How many finished spans are kept by default. */
    public static final int DEFAULT_RECENT_SPANS = 500;

    private static final Logger log = LoggerFactory.getLogger(ServiceTelemetry.class);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final RecentSpans recent;
    private final OpenTelemetrySdk sdk;

    /**
     * @param recentSpans how many finished spans to keep, {@code >= 1}
     * @param logSpans whether to log each finished span (at INFO, name, ids and duration only)
     */
    public ServiceTelemetry(int recentSpans, boolean logSpans) {
        this.recent = new RecentSpans(recentSpans);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "aios"))))
                .addSpanProcessor(recent);
        if (logSpans) {
            tracing.addSpanProcessor(new LoggingSpans());
        }
        this.sdk = OpenTelemetrySdk.builder().setTracerProvider(tracing.build()).build();
    }

    /**
     * @return telemetry keeping {@value #DEFAULT_RECENT_SPANS} spans, logging them when
     *     {@value #LOG_SPANS_ENV} is {@code true}
     */
    public static ServiceTelemetry fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ServiceTelemetry fromEnvironment(Map<String, String> environment) {
        return new ServiceTelemetry(DEFAULT_RECENT_SPANS,
                Boolean.parseBoolean(environment.getOrDefault(LOG_SPANS_ENV, "false").strip()));
    }

    /** @return the registry to give the agent (and anything else the service meters) */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** @return the OpenTelemetry to give the agent */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** @return every meter in the Prometheus text format, for {@code /metrics} */
    public String scrape() {
        return registry.scrape();
    }

    /** @return the finished spans kept, newest first */
    public List<FinishedSpan> recentSpans() {
        return recent.recent();
    }

    @Override
    public void close() {
        sdk.close();
        gc.close();
        registry.close();
    }

    /** Logs each finished span: its name, ids, duration and status, never its attributes. */
    private static final class LoggingSpans implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            SpanData data = span.toSpanData();
            log.info("span {} trace={} span={} parent={} {} ms {}", data.getName(), data.getTraceId(),
                    data.getSpanId(), data.getParentSpanId(),
                    (data.getEndEpochNanos() - data.getStartEpochNanos()) / 1_000_000,
                    data.getStatus().getStatusCode());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
