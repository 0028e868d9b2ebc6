package dev.gatehouse.benchmarks.filter;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * One request and its response, reused for every call of a benchmark: {@link #through}
 * resets what a filter may have left behind (request attributes, response headers and
 * status) and passes the pair through a filter into a no-op chain. Not thread-safe: one
 * per measuring thread.
 */
final class Exchange {

	/**
	 * The chain behind every filter: it does nothing, so only the filters are measured.
	 */
	static final FilterChain NO_OP_CHAIN = (request, response) -> {
	};

	final MockHttpServletRequest request = new MockHttpServletRequest("GET", FilterCredentials.PATH);

	final MockHttpServletResponse response = new MockHttpServletResponse();

	private Exchange() {
		this.request.setServletPath(FilterCredentials.PATH);
	}

	/**
	 * Creates a {@code GET} of {@link FilterCredentials#PATH} without a credential.
	 * @return the exchange
	 */
	static Exchange withoutCredential() {
		return new Exchange();
	}

	/**
	 * Creates a {@code GET} of {@link FilterCredentials#PATH} carrying one header.
	 * @param name the header name
	 * @param value the header value
	 * @return the exchange
	 */
	static Exchange withHeader(String name, String value) {
		Exchange exchange = new Exchange();
		exchange.request.addHeader(name, value);
		return exchange;
	}

	/**
	 * Resets the pair, as a fresh request from the container would be, and passes it
	 * through the filter.
	 * @param filter the filter under test, or {@code null} to call the no-op chain alone
	 * @return the response, for the benchmark to return
	 * @throws IOException when the filter does
	 * @throws ServletException when the filter does
	 */
	MockHttpServletResponse through(@Nullable Filter filter) throws IOException, ServletException {
		return through(filter, NO_OP_CHAIN);
	}

	/**
	 * Resets the pair and passes it through the filter into the given chain (tests
	 * observe the chain).
	 * @param filter the filter under test, or {@code null} to call the chain alone
	 * @param chain the chain behind the filter
	 * @return the response
	 * @throws IOException when the filter or chain does
	 * @throws ServletException when the filter or chain does
	 */
	MockHttpServletResponse through(@Nullable Filter filter, FilterChain chain) throws IOException, ServletException {
		this.request.clearAttributes();
		this.response.reset();
		if (filter == null) {
			chain.doFilter(this.request, this.response);
		}
		else {
			filter.doFilter(this.request, this.response, chain);
		}
		return this.response;
	}

}
