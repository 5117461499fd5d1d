#pragma once

#include <QStringList>

namespace sb {

// `switchboard signature verify ...`: the signature debugger. `arguments` are those after
// "signature". Prints "valid"/"invalid", the string-to-sign and the reason; returns 0 valid,
// 1 invalid, 2 usage error.
int runSignatureCommand(const QStringList &arguments);

} // namespace sb
