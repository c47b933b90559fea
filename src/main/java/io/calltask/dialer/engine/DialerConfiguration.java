package io.calltask.dialer.engine;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.calltask.catalog.Catalog;
import io.calltask.dialer.cluster.DialerRole;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.line.Lines;
import io.calltask.seat.SeatBoardStore;
import io.calltask.task.TaskRuntime;
import io.calltask.time.DateTimes;

/**
 * The engine, its gateway ({@code calltask.dialer.gateway}: {@code simulated} unless configured) and
 * its reader and writer threads. The threads close with the application, after {@link DialerRunner}
 * has stopped the engine (which waits for their work and gives claimed numbers back while the
 * database is still open); with {@code calltask.dialer.auto-run} off they run work inline.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ DialerSettings.class, TransferSettings.class, PacingSettings.class })
class DialerConfiguration {

	@Bean(destroyMethod = "close")
	WorkerThread dialerReader(DialerSettings settings) {
		return settings.autoRun() ? WorkerThread.named("dialer-reader") : WorkerThread.inline();
	}

	@Bean(destroyMethod = "close")
	WorkerThread dialerWriter(DialerSettings settings) {
		return settings.autoRun() ? WorkerThread.named("dialer-writer") : WorkerThread.inline();
	}

	@Bean
	DialerEngine dialerEngine(DialerSettings settings, TransferSettings transfers, PacingSettings pacing, DialerRole role,
			ObjectProvider<CallGateway> gateway, ObjectProvider<ClockDriven> clockDriven, TaskRuntime tasks, Lines lines,
			Catalog catalog, SeatBoardStore seats, NumberClaims claims, AttemptLog attempts, DialerNodes nodes,
			Clock clock, DateTimes time, DialerMetrics metrics,
			@Qualifier("dialerReader") WorkerThread reader, @Qualifier("dialerWriter") WorkerThread writer) {
		CallGateway chosen = gateway.getIfAvailable();
		if (chosen == null) {
			throw new IllegalStateException("calltask.dialer.gateway=" + settings.gateway()
					+ ": no such gateway (simulated or freeswitch)");
		}
		return new DialerEngine(new DialerEngine.Settings(settings, transfers, pacing), role, chosen,
				clockDriven.orderedStream().toList(),
				new DialerEngine.Stores(tasks, lines, catalog, seats, claims, attempts, nodes), clock, time, metrics, reader,
				writer);
	}

}
