#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace sb {

// An email address, optionally with a display name ("Ada Lovelace <ada@example.com>").
//
// The syntax check is a practical subset of RFC 5322 section 3.4.1 (addr-spec): the local part is a
// dot-atom or a quoted string, the domain is a host name of LDH labels (RFC 1035/1123, at least two
// labels, the last not all digits; an internationalised domain is checked in its A-label form) or an
// address literal ("[192.0.2.1]", "[IPv6:2001:db8::1]", RFC 5321 4.1.3). Comments, folding white space
// and the obsolete forms are refused; the local part is ASCII. Lengths follow RFC 5321 4.5.3.1: a local
// part of at most 64 octets and a whole address of at most 254.
struct EmailAddress
{
    QString displayName; // unquoted and unescaped; empty when none was given
    QString address; // local@domain, exactly as written

    static constexpr int maxLocalPartLength = 64;
    static constexpr int maxAddressLength = 254;
    static constexpr int maxLabelLength = 63;

    // Why `address` (a bare addr-spec) is not a usable address; empty when it is.
    static QString problem(QStringView address);
    static bool isValid(QStringView address) { return problem(address).isEmpty(); }

    // "addr", "<addr>", "Name <addr>" or "\"Quoted, Name\" <addr>"; surrounding white space is
    // ignored. nullopt (with `error` set) when the form or the address is not valid.
    static std::optional<EmailAddress> parse(QStringView text, QString *error = nullptr);

    // The header form: the bare address without a display name, else "Name <addr>", the name quoted
    // (with '"' and '\' escaped) when it holds anything but atext, white space and non-ASCII letters.
    static QString format(const QString &displayName, const QString &address);
    QString toString() const { return format(displayName, address); }
};

} // namespace sb
