package dev.gatehouse.auth.autoconfigure.snapshot;

import java.util.Locale;

import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Fails startup when propagation is enabled but nothing can sign: no signing key
 * configured and no application {@link SnapshotSigner}; and says once, as a WARN, that
 * HTTP propagation is off when it is enabled without any target or outbound registration
 * of type {@code snapshot}. Runs after all bean definitions are known, before any call,
 * and reports through {@link ConfigurationProblems}.
 */
final class SnapshotPropagationConfigurationCheck implements InitializingBean {

	private static final String PREFIX = SnapshotKeyFactory.PREFIX;

	private static final Log logger = LogFactory.getLog(SnapshotPropagationConfigurationCheck.class);

	private final GatehouseSnapshotProperties properties;

	private final ListableBeanFactory beanFactory;

	private final ConfigurationProblems problems;

	private final Environment environment;

	SnapshotPropagationConfigurationCheck(GatehouseSnapshotProperties properties, ListableBeanFactory beanFactory,
			ConfigurationProblems problems, Environment environment) {
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.problems = problems;
		this.environment = environment;
	}

	/**
	 * Whether an outbound registration sends snapshots; read from the environment so this
	 * check does not depend on the outbound configuration's beans.
	 */
	private boolean anySnapshotRegistration() {
		return Binder.get(this.environment)
			.bind("gatehouse.outbound.registrations", Bindable.mapOf(String.class, RegistrationType.class))
			.map((registrations) -> registrations.values()
				.stream()
				.anyMatch((registration) -> registration.getType() != null
						&& "snapshot".equals(registration.getType().trim().toLowerCase(Locale.ROOT))))
			.orElse(false);
	}

	@Override
	public void afterPropertiesSet() {
		GatehouseSnapshotProperties snapshot = this.properties;
		if (snapshot.getPropagation().isEnabled() && snapshot.getSigning().getKeyId() == null
				&& this.beanFactory.getBeanNamesForType(SnapshotSigner.class, true, false).length == 0) {
			this.problems.add(new InvalidGatehouseConfigurationException(PREFIX + "signing.key-id",
					"is not set, but " + PREFIX + "propagation.enabled is true and no SnapshotSigner bean exists",
					"Configure " + PREFIX + "signing.{key-id,algorithm,secret|private-key} (a key is never "
							+ "generated), or set " + PREFIX + "propagation.enabled=false."));
		}
		if (snapshot.getPropagation().isEnabled() && snapshot.getPropagation().getTargets().isEmpty()
				&& !anySnapshotRegistration()) {
			logger.warn(PREFIX + "propagation.enabled is true, but no " + PREFIX + "propagation.targets and no "
					+ "outbound registration of type snapshot are configured: HTTP propagation is off, so no "
					+ "outgoing HTTP request carries the snapshot (messages still do). Add a target (url and "
					+ "audience) for each service that should receive it.");
		}
	}

	/**
	 * The one field of an outbound registration this configuration reads.
	 */
	static final class RegistrationType {

		private @Nullable String type;

		/**
		 * Returns the registration's type.
		 * @return the type, or {@code null} when unset
		 */
		public @Nullable String getType() {
			return this.type;
		}

		/**
		 * Sets the registration's type.
		 * @param type the type
		 */
		public void setType(@Nullable String type) {
			this.type = type;
		}

	}

}
