#pragma once

#include "http/HttpTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>
#include <cstdint>

namespace sb::fuzz {

// The seed corpora are written like a request, so that real provider requests can be pasted in:
//   first line          (a URL, a provider name or a route selector, depending on the target)
//   Name: value lines   (headers)
//   empty line
//   body                (every remaining byte, binary-safe)
// Any byte string is a valid input: missing parts are empty, malformed header lines are kept as a
// header with an empty value.
struct FuzzInput
{
    QByteArray firstLine;
    HeaderList headers;
    QByteArray body;

    static FuzzInput parse(const uint8_t *data, size_t size)
    {
        const QByteArrayView all(reinterpret_cast<const char *>(data), qsizetype(size));
        FuzzInput input;
        qsizetype pos = 0;
        auto nextLine = [&all, &pos](QByteArrayView *line) {
            if (pos >= all.size())
                return false;
            auto end = all.indexOf('\n', pos);
            if (end < 0)
                end = all.size();
            *line = all.sliced(pos, end - pos);
            if (line->endsWith('\r'))
                line->chop(1);
            pos = end + 1;
            return true;
        };
        QByteArrayView line;
        if (!nextLine(&line))
            return input;
        input.firstLine = line.toByteArray();
        while (nextLine(&line)) {
            if (line.isEmpty())
                break;
            const auto colon = line.indexOf(':');
            if (colon < 0)
                input.headers.append({line.toByteArray(), QByteArray()});
            else
                input.headers.append({line.first(colon).trimmed().toByteArray(),
                    line.sliced(colon + 1).trimmed().toByteArray()});
        }
        if (pos < all.size())
            input.body = all.sliced(pos).toByteArray();
        return input;
    }

    QByteArray header(QByteArrayView name) const
    {
        for (auto it = headers.crbegin(); it != headers.crend(); ++it) {
            if (name.compare(it->first, Qt::CaseInsensitive) == 0)
                return it->second;
        }
        return {};
    }
};

// A failed invariant: abort so that libFuzzer records the input as a crash.
#define SB_FUZZ_ASSERT(condition)                                                                            \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);          \
            abort();                                                                                         \
        }                                                                                                    \
    } while (false)

} // namespace sb::fuzz
