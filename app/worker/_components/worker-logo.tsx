export function WorkerLogo() {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-stone-900">
      {/* The badge's letter is drawn by CSS: not text, so "HITdesk Work" alone names the links around the logo. */}
      <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-emerald-700 text-sm font-bold text-white before:content-['W']" />
      <span className="text-lg">
        HITdesk <span className="font-normal text-emerald-700">Work</span>
      </span>
    </span>
  );
}
