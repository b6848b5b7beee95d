package io.switchboard.defaults;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.PlatformContractTest;
import io.switchboard.testing.SwitchboardTestResource;

/** The shared wiring alone keeps the platform contract (a service without a database). */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "postgres", value = "false"))
class DefaultsPlatformTest extends PlatformContractTest {}
