#pragma once

#include "ProviderAdapter.h"

#include <QJsonObject>
#include <QJsonValue>
#include <optional>

namespace sb::channels {

// Reading a provider's answer body: helpers shared by the email, push and chat adapters.

// The body as a JSON object, or nullopt when it is not one (a plain-text answer, HTML, empty).
std::optional<QJsonObject> answerObject(const QByteArray &body);
// The body as text for an error message: trimmed, one line, at most 300 characters.
QString answerText(const QByteArray &body);
// A JSON error list flattened to one line: strings joined with "; ", objects as "key: value".
QString flattenErrors(const QJsonValue &errors);
// The value of header `name` (case-insensitive), empty when absent.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);

} // namespace sb::channels
