#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// The adapter that speaks `provider`'s wire format; never null (every provider has one).
const ProviderAdapter *adapterFor(ServiceProvider provider);

} // namespace sb::channels
