package io.switchboard.model;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.DatabaseServiceContractTest;
import io.switchboard.testing.SwitchboardTestResource;

/** model-service keeps the platform contract against the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ModelServicePlatformTest extends DatabaseServiceContractTest {}
