package io.switchboard.pipeline;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.pipeline.support.StubServices;
import io.switchboard.testing.DatabaseServiceContractTest;
import io.switchboard.testing.SwitchboardTestResource;

/** pipeline-service keeps the platform contract against the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(StubServices.class)
class PipelineServicePlatformTest extends DatabaseServiceContractTest {}
