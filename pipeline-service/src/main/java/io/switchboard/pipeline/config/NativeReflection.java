package io.switchboard.pipeline.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.defaults.event.EventEnvelope;
import io.switchboard.pipeline.template.StageDefinition;

/** Classes Jackson binds outside REST signatures (stored JSON, Kafka), kept for native images. */
@RegisterForReflection(targets = {EventEnvelope.class, StageDefinition.class})
public final class NativeReflection {

  private NativeReflection() {}
}
