package io.switchboard.model.completion.service;

import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.registry.Model;

/** Told about every provider call of a completion (CLI quota accounting, metrics, ...). */
public interface CompletionListener {

  void completed(Model model, ChatResponse response);

  void failed(Model model, ProviderException failure);
}
