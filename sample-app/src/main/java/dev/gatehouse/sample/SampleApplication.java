package dev.gatehouse.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The Gatehouse sample: a multi-tenant documents service (the default profile) and, with
 * the {@code audit} profile, the audit service it reports every write to. Both come from
 * this one jar; {@code sample-app/run.sh} starts the two side by side.
 */
@SpringBootApplication
@EnableAsync
public class SampleApplication {

	/**
	 * Starts the documents service, or the audit service with
	 * {@code --spring.profiles.active=audit}.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
