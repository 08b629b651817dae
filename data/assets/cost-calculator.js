(function(){
	'use strict';
	var form=document.getElementById('cost-form');
	if(!form||typeof BigInt!=='function')return;
	var fields=[].slice.call(form.querySelectorAll('input[data-part]')),
		ZERO=BigInt(0),
		MAX=BigInt('1000000000000000'),
		PICO=BigInt('10000000000'),
		HUNDRED=BigInt(100),
		powers={k:3,m:6,b:9,t:12},
		errors={
			syntax:'not a number of tokens (write 2000000, 2,000,000 or 2M)',
			fraction:'not a whole number of tokens',
			range:'more than 1,000T tokens'
		};
	function $(id){return document.getElementById(id)}
	function ten(p){return BigInt('1'+'0'.repeat(p))}
	function price(s){return s===''?null:BigInt(s)}
	function parse(s){
		var m,frac,p,part,t;
		if(s.length>64)return{e:'syntax'};
		s=s.replace(/^[ \t]+|[ \t]+$/g,'');
		if(s==='')return{t:ZERO};
		m=/^([0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]+))?[ \t]*([kKmMbBtT]?)$/.exec(s);
		if(!m)return{e:'syntax'};
		frac=(m[2]||'').replace(/0+$/,'');
		p=m[3]?powers[m[3].toLowerCase()]:0;
		if(frac.length>p)return{e:'fraction'};
		part=frac===''?ZERO:BigInt((frac+'0'.repeat(p)).slice(0,p));
		t=BigInt(m[1].replace(/,/g,''))*ten(p)+part;
		if(t>MAX)return{e:'range'};
		return{t:t};
	}
	function group(s){return s.replace(/\B(?=([0-9]{3})+(?![0-9]))/g,',')}
	function money(c){
		var r=(c%HUNDRED).toString();
		return '$'+group((c/HUNDRED).toString())+'.'+(r.length<2?'0'+r:r);
	}
	function cents(side,tokens){
		var sum=PICO/BigInt(2),i,p;
		for(i=0;i<fields.length;i++){
			if(tokens[i]===ZERO)continue;
			p=price(fields[i].getAttribute('data-'+side));
			if(p===null)return{missing:fields[i].getAttribute('data-part')};
			sum+=tokens[i]*p;
		}
		return{c:sum/PICO};
	}
	function tenths(from,to){
		var d=to>from?to-from:from-to,t;
		if(from===ZERO||d>from*BigInt(10000))return null;
		t=(d*BigInt(2000)+from)/(from*BigInt(2));
		return to<from?-t:t;
	}
	function priced(side){
		return fields.some(function(f){return f.getAttribute('data-'+side)!==''});
	}
	function side(el,name,id,r,bad){
		var known=!bad&&id!==''&&r.c!==undefined;
		el.setAttribute('data-cents',known?r.c.toString():'');
		el.textContent=bad?'\u2014':id===''?'No replacement is announced.':
			known?money(r.c)+' a month':
			priced(name)?'No '+r.missing+' price known for '+id+'.':
			'No price known for '+id+'.';
		return known;
	}
	function diff(el,from,to){
		var d=to>from?to-from:from-to,t=tenths(from,to),
			sign=to>from?'+':to<from?'\u2212':'\u00b1',
			a=t===null?null:(t<ZERO?-t:t),
			text=(to>from?'More':to<from?'Less':'Same')+': '+sign+money(d)+' a month';
		if(a!==null)text+=' ('+sign+group((a/BigInt(10)).toString())+'.'+(a%BigInt(10)).toString()+'%)';
		el.setAttribute('data-verdict',to>from?'more':to<from?'less':'same');
		el.setAttribute('data-cents',(to<from?'-':'')+d.toString());
		el.setAttribute('data-tenths',t===null?'':t.toString());
		el.textContent=text;
	}
	function run(){
		var tokens=[],bad=false,from,to,hasFrom,hasTo,el=$('cost-diff'),
			fromId=form.getAttribute('data-from-id'),
			toId=form.getAttribute('data-to-id');
		fields.forEach(function(f){
			var r=parse(f.value),e=$(f.id+'-error');
			tokens.push(r.e?ZERO:r.t);
			if(r.e){
				bad=true;
				f.setAttribute('aria-invalid','true');
				e.textContent=f.getAttribute('data-label')+': '+errors[r.e]+'.';
				e.hidden=false;
			}else{
				f.removeAttribute('aria-invalid');
				e.textContent='';
				e.hidden=true;
			}
		});
		from=cents('from',tokens);
		to=cents('to',tokens);
		hasFrom=side($('cost-from'),'from',fromId,from,bad);
		hasTo=side($('cost-to'),'to',toId,to,bad);
		if(hasFrom&&hasTo){
			diff(el,from.c,to.c);
			return;
		}
		el.setAttribute('data-verdict','');
		el.setAttribute('data-cents','');
		el.setAttribute('data-tenths','');
		el.textContent=bad?'Fix the token counts above.':
			toId===''?'Nothing to compare with.':
			'Not known without both prices.';
	}
	form.addEventListener('input',run);
	form.addEventListener('submit',function(e){
		var q=new URLSearchParams(new FormData(form)).toString();
		e.preventDefault();
		run();
		history.replaceState(null,'',location.pathname+'?'+q+'#cost');
	});
	run();
})();
