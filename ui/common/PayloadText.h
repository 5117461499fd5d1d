#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace sb {

// A request or response body made readable: JSON pretty-printed, text as it is, anything else as
// a hex dump. Shared by every view that shows stored bodies (inbound requests, deliveries).
struct PayloadText
{
    Q_DECLARE_TR_FUNCTIONS(sb::PayloadText)
public:
    enum class Kind
    {
        Empty,
        Json,
        Form,
        Text,
        Binary
    };

    Kind kind = Kind::Empty;
    QString text;
    bool truncated = false; // only the first `hexLimit` bytes of a binary body are dumped
    qsizetype shownBytes = 0;

    // A short description for a caption, e.g. "JSON · 1.2 KB".
    QString describe(qint64 size) const;

    static PayloadText render(
        const QByteArray &bytes, const QByteArray &contentType = {}, qsizetype hexLimit = 64 * 1024);
    static QString hexDump(const QByteArray &bytes, qsizetype limit);
};

} // namespace sb
