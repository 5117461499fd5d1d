#pragma once

#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// The settings table (key → text) as the features that keep their configuration there read and
// write it, in the caller's transaction.
namespace StoredSettings {

std::optional<QString> value(SqlContext &context, const QString &key);
// Inserts or replaces `key`; an empty `value` removes it.
void put(SqlContext &context, const QString &key, const QString &value);

} // namespace StoredSettings

} // namespace sb
