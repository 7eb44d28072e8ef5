import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerId, CustomerSummary } from "../bindings";
import { api } from "../api";
import { formatMobile } from "../format";
import { useDebounced } from "../hooks";
import { SEARCH_DEBOUNCE_MS } from "./ArchiveList";

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
  const [found, setFound] = useState<CustomerSummary[]>([]);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);
  const text = useDebounced(typed, SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    const request = ++latest.current;
    if (text.trim() === "") {
      setFound([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    api
      .searchCustomers({ text, includeArchived: false, leadsOnly: false, limit: 20 })
      .then((rows) => {
        if (request === latest.current) setFound(rows);
      })
      .catch(() => {
        if (request === latest.current) setFound([]);
      })
      .finally(() => {
        if (request === latest.current) setSearching(false);
      });
  }, [text]);

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
      notFoundContent={searching ? <Spin size="small" /> : text.trim() ? t("archive.noResults") : null}
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
