package io.switchboard.agent;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agent.support.StubsResource;
import io.switchboard.testing.DatabaseServiceContractTest;
import io.switchboard.testing.SwitchboardTestResource;

/** agent-service keeps the platform contract against the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubsResource.class)
class AgentServicePlatformTest extends DatabaseServiceContractTest {}
