package io.switchboard.vault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.DatabaseServiceContractTest;
import io.switchboard.testing.SwitchboardTestResource;

/** vault-service keeps the platform contract against the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class VaultServicePlatformTest extends DatabaseServiceContractTest {}
