package dev.gatehouse.benchmarks.startup;

import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to validate 2,000 bean definitions of 2,000 distinct classes at startup (issue
 * 5, item 3; target: under 50 ms).
 *
 * <p>
 * Each operation starts from a fresh {@link AuthMetadataResolver}, so every class's
 * metadata is resolved again as on a real startup; only the JVM's own reflection caches
 * are warm.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class StartupValidationBenchmarks {

	/**
	 * Validates the application of {@link GeneratedApplication}: 2,000 lazy bean
	 * definitions.
	 * @param application the bean definitions
	 * @return the validator, so that its work cannot be eliminated
	 */
	@Benchmark
	public AuthStartupCapabilityValidator validateTwoThousandBeanDefinitions(GeneratedApplication application) {
		AuthStartupCapabilityValidator validator = new AuthStartupCapabilityValidator(application.beanFactory,
				new AuthMetadataResolver(), false);
		validator.afterSingletonsInstantiated();
		return validator;
	}

}
