(function(){
	'use strict';
	var form=document.getElementById('filters');
	if(!form)return;
	[].forEach.call(form.querySelectorAll('select'),function(s){
		s.addEventListener('change',function(){
			if(form.requestSubmit)form.requestSubmit();else form.submit()
		})
	})
})();
