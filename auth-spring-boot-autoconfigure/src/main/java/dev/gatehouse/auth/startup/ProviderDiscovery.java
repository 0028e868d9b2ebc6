package dev.gatehouse.auth.startup;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.AuthProviderContribution;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Finds the providers of every capability: the autowire-candidate beans assignable to its
 * port type, and the ids that {@link AuthProviderContribution} beans claim for it. Never
 * initialises a {@code FactoryBean} or a lazy bean.
 */
final class ProviderDiscovery {

	private final ConfigurableListableBeanFactory beanFactory;

	ProviderDiscovery(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	Map<AuthCapability, AuthCapabilityReport.Providers> findProviders() {
		Map<AuthCapability, SortedSet<String>> providerIds = new EnumMap<>(AuthCapability.class);
		for (AuthProviderContribution contribution : this.beanFactory
			.getBeansOfType(AuthProviderContribution.class, true, false)
			.values()) {
			for (AuthCapability capability : contribution.capabilities()) {
				providerIds.computeIfAbsent(capability, (key) -> new TreeSet<>()).add(contribution.providerId());
			}
		}
		Map<AuthCapability, AuthCapabilityReport.Providers> providers = new EnumMap<>(AuthCapability.class);
		for (AuthCapability capability : AuthCapability.values()) {
			SortedSet<String> beanNames = new TreeSet<>();
			for (String beanName : this.beanFactory.getBeanNamesForType(capability.portType(), true, false)) {
				if (isAutowireCandidate(beanName)) {
					beanNames.add(beanName);
				}
			}
			SortedSet<String> ids = providerIds.getOrDefault(capability, new TreeSet<>());
			if (!beanNames.isEmpty() || !ids.isEmpty()) {
				providers.put(capability, new AuthCapabilityReport.Providers(List.copyOf(beanNames), List.copyOf(ids)));
			}
		}
		return providers;
	}

	/**
	 * Beans that are no autowire candidates (such as the target behind a scoped proxy)
	 * are invisible to enforcement, which looks providers up by type, so they do not
	 * count as providers either.
	 */
	private boolean isAutowireCandidate(String beanName) {
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			return true;
		}
		try {
			return this.beanFactory.getMergedBeanDefinition(beanName).isAutowireCandidate();
		}
		catch (BeansException ex) {
			return true;
		}
	}

}
