package io.switchboard.auth;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.DatabaseServiceContractTest;
import io.switchboard.testing.SwitchboardTestResource;

/** auth-service keeps the platform contract against the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class AuthServicePlatformTest extends DatabaseServiceContractTest {}
