#pragma once

#include "Verification.h"

#include <QByteArrayView>
#include <QString>
#include <optional>

namespace sb {

// The replay window of timestamped signature schemes (ElevenLabs, Standard Webhooks, Mailgun).
// `nowSeconds` is the time the request arrived (DESIGN.md: a replay of a stored request is judged as
// of its arrival), never the wall clock read here.
struct TimestampWindow
{
    qint64 toleranceSeconds = 300;

    // Decimal Unix seconds, digits only (no sign, no fraction, no spaces), as every scheme sends them.
    static std::optional<qint64> parseUnixSeconds(QByteArrayView text)
    {
        if (text.isEmpty() || text.size() > 18)
            return std::nullopt;
        qint64 value = 0;
        for (const char c : text) {
            if (c < '0' || c > '9')
                return std::nullopt;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    // Empty when `timestamp` lies within the window around `nowSeconds`, else why it does not.
    QString check(qint64 timestamp, qint64 nowSeconds) const
    {
        const qint64 age = nowSeconds - timestamp;
        if (age > toleranceSeconds)
            return QStringLiteral("stale timestamp: %1 is %2 s before the arrival time %3 (tolerance %4 s)")
                .arg(timestamp)
                .arg(age)
                .arg(nowSeconds)
                .arg(toleranceSeconds);
        if (-age > toleranceSeconds)
            return QStringLiteral(
                "timestamp in the future: %1 is %2 s after the arrival time %3 (tolerance %4 s)")
                .arg(timestamp)
                .arg(-age)
                .arg(nowSeconds)
                .arg(toleranceSeconds);
        return {};
    }

    // The verdict of a timestamped scheme: a signature that does not match is reported first (with the
    // timestamp problem as well, if any); a matching one still fails outside the window.
    static void conclude(
        Verification &result, bool matched, const QString &mismatch, const QString &windowProblem)
    {
        if (matched && windowProblem.isEmpty()) {
            result.outcome = Verification::Outcome::Verified;
            return;
        }
        result.outcome = Verification::Outcome::Invalid;
        result.detail = matched       ? windowProblem
            : windowProblem.isEmpty() ? mismatch
                                      : mismatch + QStringLiteral("; also ") + windowProblem;
    }
};

} // namespace sb
