package dev.gatehouse.auth.correlation;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BaggageCorrelationIdBinder}: the id is baggage for exactly the binding, the
 * tracer is looked up once, and a tracer that refuses baggage never fails a request.
 */
@ExtendWith(OutputCaptureExtension.class)
class BaggageCorrelationIdBinderTests {

	@Test
	void makesTheIdBaggageUntilTheBindingIsClosed() {
		SimpleTracer tracer = new SimpleTracer();
		BaggageCorrelationIdBinder binder = new BaggageCorrelationIdBinder(() -> tracer);
		Span span = tracer.nextSpan().start();
		try (Tracer.SpanInScope inScope = tracer.withSpan(span)) {
			try (CorrelationIdBinder.Binding binding = binder.bind("corr-1")) {
				assertThat(tracer.getBaggage(BaggageCorrelationIdBinder.BAGGAGE_NAME).get()).isEqualTo("corr-1");
			}
			assertThat(tracer.getAllBaggage()).doesNotContainKey(BaggageCorrelationIdBinder.BAGGAGE_NAME);
		}
		finally {
			span.end();
		}
	}

	@Test
	void looksTheTracerUpOnceEvenWhenThereIsNone() {
		AtomicInteger lookups = new AtomicInteger();
		BaggageCorrelationIdBinder binder = new BaggageCorrelationIdBinder(() -> {
			lookups.incrementAndGet();
			return null;
		});
		for (int i = 0; i < 3; i++) {
			binder.bind("corr-" + i).close();
		}
		assertThat(lookups).hasValue(1);
	}

	@Test
	void bindsNothingAndWarnsOnceWhenTheTracerRefusesTheBaggage(CapturedOutput output) {
		SimpleTracer refusing = new SimpleTracer() {

			@Override
			public BaggageInScope createBaggageInScope(String name, String value) {
				throw new IllegalStateException("baggage field not allowed");
			}

		};
		BaggageCorrelationIdBinder binder = new BaggageCorrelationIdBinder(() -> refusing);
		binder.bind("corr-1").close();
		binder.bind("corr-2").close();
		assertThat(output.getOut().split("Could not put the correlation id", -1)).hasSize(2);
	}

}
