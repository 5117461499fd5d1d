#pragma once

#include <QString>
#include <QStringView>
#include <array>
#include <optional>
#include <utility>

namespace sb {

// An enum's wire names as one table of (value, name) pairs: the only place its strings are written.
template <typename Enum, std::size_t N> using EnumNameTable = std::array<std::pair<Enum, const char *>, N>;

template <typename Enum, std::size_t N> QString enumName(const EnumNameTable<Enum, N> &table, Enum value)
{
    for (const auto &[entry, name] : table) {
        if (entry == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> enumFromName(const EnumNameTable<Enum, N> &table, QStringView name)
{
    for (const auto &[entry, text] : table) {
        if (name == QLatin1String(text))
            return entry;
    }
    return std::nullopt;
}

} // namespace sb
