#pragma once

#include <QByteArray>
#include <QString>

namespace sb {

// The database key in the OS keychain (QtKeychain): one entry per database, service "Switchboard".
// Calls wait for the keychain's answer (bounded), so they are made at start only.
class KeychainKey
{
public:
    enum class Result
    {
        Found,
        Missing,
        Unavailable
    };

    // "Secret Service", "Keychain", "Credential Manager".
    static QString backendName();
    // False (and why) when no keychain can answer, e.g. no D-Bus session on Linux.
    static bool mayBeAvailable(QString *why);

    static Result read(const QString &entry, QByteArray *key, QString *error);
    static bool write(const QString &entry, const QByteArray &key, QString *error);
};

} // namespace sb
