import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Select, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerId } from "../bindings";
import { formatMobile } from "../format";
import { useDebounced } from "../hooks";
import { SEARCH_DEBOUNCE_MS } from "./ArchiveList";
import { customerSearchQueryOf } from "./queries";

/** Picks a customer by name, phone, plate or VIN, searching the archive as the user types. */
export function CustomerPicker({
  value,
  onChange,
  exclude,
  placeholder,
  id,
}: {
  value?: CustomerId | null;
  onChange?: (value: CustomerId | null) => void;
  exclude?: CustomerId;
  placeholder?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const text = useDebounced(typed, SEARCH_DEBOUNCE_MS);
  const asked = text.trim() !== "";
  // Nothing is searched for an empty box; a failed search offers nothing.
  const query = useQuery({
    ...customerSearchQueryOf({ text, includeArchived: false, leadsOnly: false, limit: 20 }),
    enabled: asked,
    placeholderData: keepPreviousData,
  });
  const found = asked ? (query.data ?? []) : [];
  const searching = asked && query.isFetching;

  const options = found
    .filter((c) => c.id !== exclude)
    .map((c) => ({
      value: c.id,
      label: `${c.name} · ${formatMobile(c.mobile)}`,
      plates: c.vehicles.map((v) => v.plate).filter(Boolean).join(" "),
    }));

  return (
    <Select<CustomerId>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={searching ? <Spin size="small" /> : asked ? t("archive.noResults") : null}
      options={options}
      optionRender={(option) => (
        <div className="picker-option">
          <span>{option.data.label}</span>
          {option.data.plates && <span className="picker-plates">{option.data.plates}</span>}
        </div>
      )}
      allowClear
      style={{ width: "100%" }}
      data-testid="customer-picker"
    />
  );
}
