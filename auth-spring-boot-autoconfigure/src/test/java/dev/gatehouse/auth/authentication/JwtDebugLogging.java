package dev.gatehouse.auth.authentication;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Logs the JWT authenticator at DEBUG for each test of a class that registers it (after
 * {@code OutputCaptureExtension}), so that the rejection reasons are written and can be
 * checked; resets the level afterwards.
 */
public final class JwtDebugLogging implements BeforeEachCallback, AfterEachCallback {

	private static final String LOGGER = JwtBearerAuthenticator.class.getName();

	@Override
	public void beforeEach(ExtensionContext context) {
		loggingSystem().setLogLevel(LOGGER, LogLevel.DEBUG);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		loggingSystem().setLogLevel(LOGGER, null);
	}

	private static LoggingSystem loggingSystem() {
		return LoggingSystem.get(JwtDebugLogging.class.getClassLoader());
	}

}
