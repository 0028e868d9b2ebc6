package dev.gatehouse.auth.test;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc request post-processors that decide the {@link AuthContext} Gatehouse's servlet
 * filter binds for a request, without a credential: for {@code MockMvc.perform(get(..)
 * .with(authContext(..)))} and {@code MockMvcTester.get().uri(..).with(authContext(..))}.
 *
 * <p>
 * The filter honours them through a hook that exists only while this artifact is on the
 * class path, and the hook reads a request attribute holding a value of a type private to
 * this artifact: a client's header or parameter of the same name is ignored, and so is an
 * attribute of any other type.
 */
public final class GatehouseRequestPostProcessors {

	/** Name of the request attribute the post-processors set. */
	public static final String CONTEXT_ATTRIBUTE = GatehouseRequestPostProcessors.class.getName() + ".CONTEXT";

	private static final RequestPostProcessor ANONYMOUS = (request) -> {
		request.setAttribute(CONTEXT_ATTRIBUTE, TestRequestContext.ANONYMOUS);
		return request;
	};

	private GatehouseRequestPostProcessors() {
	}

	/**
	 * Makes the filter bind exactly the given context for the request, whatever
	 * credential the request carries.
	 * @param context the context
	 * @return the post-processor
	 */
	public static RequestPostProcessor authContext(AuthContext context) {
		TestRequestContext value = new TestRequestContext(Objects.requireNonNull(context, "context must not be null"));
		return (request) -> {
			request.setAttribute(CONTEXT_ATTRIBUTE, value);
			return request;
		};
	}

	/**
	 * Makes the filter run the request without a context, whatever credential the request
	 * carries.
	 * @return the post-processor
	 */
	public static RequestPostProcessor anonymous() {
		return ANONYMOUS;
	}

}
