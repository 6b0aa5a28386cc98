import { Link, type LinkProps } from "@remix-run/react";
import type { ButtonHTMLAttributes, ReactNode } from "react";

/**
 * The few button looks the app uses, so every page groups and spaces its actions the same way:
 * `primary` for the main step on a page, `secondary` for the alternatives beside it, `danger` for
 * the final "yes" of something that cannot be taken back and `danger-outline` for the step that
 * leads to it.
 */
export type ButtonVariant = "primary" | "secondary" | "danger" | "danger-outline";

interface ButtonLook {
  variant?: ButtonVariant;
  size?: "normal" | "small";
}

export function buttonClassName({ variant = "primary", size = "normal" }: ButtonLook = {}, extra?: string): string {
  return [
    "button",
    variant === "primary" ? null : `button--${variant}`,
    size === "small" ? "button--small" : null,
    extra ?? null,
  ]
    .filter(Boolean)
    .join(" ");
}

type ButtonProps = ButtonLook & ButtonHTMLAttributes<HTMLButtonElement>;

/** A form's submit button unless told otherwise. */
export function Button({ variant, size, className, type = "submit", ...props }: ButtonProps) {
  return <button {...props} type={type} className={buttonClassName({ variant, size }, className)} />;
}

type ButtonLinkProps = ButtonLook & LinkProps;

/** A link that looks like a button: for steps that only navigate (open a confirm step, cancel, go on). */
export function ButtonLink({ variant, size, className, ...props }: ButtonLinkProps) {
  return <Link {...props} className={buttonClassName({ variant, size }, className)} />;
}

/** A row of actions with one spacing on every page; on phones the buttons share the width. */
export function ButtonGroup({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={className ? `button-group ${className}` : "button-group"}>{children}</div>;
}
