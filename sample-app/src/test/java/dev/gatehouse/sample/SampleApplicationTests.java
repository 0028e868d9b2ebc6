package dev.gatehouse.sample;

import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class SampleApplicationTests {

	@Autowired
	private DemoRunner demo;

	@Autowired
	private DocumentService documents;

	@Test
	void demoShowsGatehouseDecisions() {
		assertThat(this.demo.outcomes()).containsExactly("anonymous publishes: CHALLENGE/MISSING_CREDENTIAL",
				"reader reads: ALLOW (document 42 read by ada)", "reader publishes: DENY/INSUFFICIENT_ROLE",
				"editor publishes: ALLOW (document 42 published by grace)");
	}

	@Test
	void protectedServiceIsProxied() {
		assertThat(AopUtils.isAopProxy(this.documents)).isTrue();
	}

}
